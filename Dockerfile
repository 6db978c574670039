# Build and publish with the SDK, run on the ASP.NET Core runtime image (listens on 8080).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY TodoDashboard/TodoDashboard.csproj TodoDashboard/
RUN dotnet restore TodoDashboard/TodoDashboard.csproj
COPY TodoDashboard/ TodoDashboard/
RUN dotnet publish TodoDashboard/TodoDashboard.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# Healthy once /health/ready answers 200 (Degraded, a shared cache that is down, answers 200 too). The runtime image has
# no curl, so bash asks over /dev/tcp. Docker has no separate liveness probe; an orchestrator that has one uses /health/live.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 \
    && printf "GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3 \
    && read -r _ status _ <&3 && [ "$status" = 200 ]'
USER $APP_UID
ENTRYPOINT ["dotnet", "TodoDashboard.dll"]
